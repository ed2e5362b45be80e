"""chitieu: turn Vietnamese local-government reports into a scoreboard of targets and directives."""

__version__ = "0.1.0"
