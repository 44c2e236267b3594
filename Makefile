# The two commands of README.md: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
DB ?= sqlite:var/shequ.db
ADDR ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test deps web build-dev build-release format format-check clean bench

run: build-release
	@mkdir -p var
	@if [ ! -f var/shequ.db ]; then ./build/release/shequ init --demo --db $(DB) --key-file var/shequ.key; fi
	./build/release/shequ serve --db $(DB) --key-file var/shequ.key --web-root web/dist --listen $(ADDR):$(PORT)

test: build-dev
	scripts/with-postgres.sh ctest --preset dev

deps:
	@scripts/install.sh

web: deps
	cd web && npm run build

build-dev: deps web
	cmake --preset dev >/dev/null
	cmake --build --preset dev

build-release: deps web
	cmake --preset release >/dev/null
	cmake --build --preset release --target shequ

format:
	scripts/format.sh fix

format-check:
	scripts/format.sh check

bench: build-release
	bench/http

clean:
	rm -rf build web/dist
