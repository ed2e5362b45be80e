"""Addresses of the things a page links to; a number always leads to its sentence."""

from __future__ import annotations


def fact_href(document_id: int | None, fact_id: int | None) -> str | None:
    """The sentence of a fact in its document (or the redirect when the document is not at hand)."""
    if fact_id is None:
        return None
    if document_id is None:
        return f"/so-lieu/{fact_id}"
    return f"/van-ban/{document_id}#f{fact_id}"


def tally_href(document_id: int, tally_id: int) -> str:
    return f"/van-ban/{document_id}#t{tally_id}"


def item_href(item_id: int) -> str:
    return f"/chi-dao/{item_id}"


def item_source_href(document_id: int, item_id: int) -> str:
    return f"/van-ban/{document_id}#c{item_id}"


def locality_href(code: str | None) -> str | None:
    return f"/dia-phuong/{code}" if code else None


def indicator_href(code: str | None) -> str | None:
    return f"/chi-tieu/{code}" if code else None
