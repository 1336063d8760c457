# make run   install (first time) and start the dashboard on demo data (make run PORT=8600: another port)
# make test  install the test tools (first time) and run every test
VENV ?= .venv
PORT ?= 8501
PY := $(VENV)/bin/python
# plotly.js's geo-only bundle, which draws the maps (ui/plotly_geo.py: fetched from the npm registry, checksum pinned)
BUNDLE := static/plotly/plotly-geo.min.js

.PHONY: run test demo bench bench-browser clean

# streamlit run, with the slow imports of the pages started at the server's start (ui/preload.py)
run: $(VENV)/.runtime $(BUNDLE)
	$(PY) -m ui.preload run app.py --server.port $(PORT)

test: $(VENV)/.dev $(BUNDLE)
	$(PY) -m pytest

demo: $(VENV)/.runtime
	$(PY) -m data demo

bench: $(VENV)/.runtime
	$(PY) benchmarks/map.py

bench-browser: $(VENV)/.dev $(BUNDLE)
	$(PY) benchmarks/browser.py

$(BUNDLE): ui/plotly_geo.py | $(VENV)/bin/python
	$(PY) -m ui.plotly_geo

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

clean:
	rm -rf var static/geo
