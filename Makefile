# The two quick-start commands (see README): `make demo` and `make test`.
.PHONY: demo test setup lint clean

demo: setup
	.venv/bin/chitieu demo

test:
	scripts/test.sh

setup:
	scripts/setup.sh

lint: setup
	.venv/bin/ruff check chitieu tests bench

clean:
	rm -rf .venv .pytest_cache .ruff_cache .hypothesis *.egg-info build *__mypyc*.so chitieu/extract/*.so
