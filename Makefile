# The two commands of README.md: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
# ccache hits across clones (CI builds in a fresh checkout): paths are hashed relative to here, and
# the build folder is not hashed (only debug info would name the old folder).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
DB ?= sqlite:var/shequ.db
ADDR ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test deps web build-dev build-release format format-check clean bench bench-build

SHEQU_RELEASE := ./build/release/src/cli/shequ

run: build-release
	@mkdir -p var
	@if [ ! -f var/shequ.db ]; then \
	  $(SHEQU_RELEASE) init --demo --db $(DB) --key-file var/shequ.key $(if $(DEMO_PASSWORD),--demo-password '$(DEMO_PASSWORD)') $(if $(DEMO_OSM),--demo-osm '$(DEMO_OSM)') && \
	  $(SHEQU_RELEASE) import osm $(if $(DEMO_OSM),'$(DEMO_OSM)',../shared/data/monaco-2016.osm.pbf) --db $(DB); \
	else \
	  echo "Demo logins: admin street worker grid resident volunteer caregiver canteen childcare courier planner"; \
	  echo "(their password was printed when var/shequ.db was created; delete var/ to start over)"; \
	fi
	@echo "Open http://$(ADDR):$(PORT) in a browser (Ctrl-C stops the server)."
	$(SHEQU_RELEASE) serve --db $(DB) --key-file var/shequ.key --web-root web/dist --listen $(ADDR):$(PORT)

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

# Benchmarks are outside `make test`: they print figures next to their peers (bench/).
bench-build: build-release
	cmake --build --preset release --target planning_graph planning_assessment planning_isochrone registry_import \
		eldercare_scheduling canteen_settlement

bench: bench-build
	bench/http
	bench/planning
	build/release/src/planning/planning_assessment
	build/release/src/planning/planning_isochrone
	bench/registry
	build/release/src/eldercare/scheduling/eldercare_scheduling
	build/release/src/eldercare/canteen/canteen_settlement

clean:
	rm -rf build web/dist
