# make run   install (first time) and start the dashboard on demo data (make run PORT=8600: another port)
# make test  install the test tools (first time) and run every test
VENV ?= .venv
PORT ?= 8501
PY := $(VENV)/bin/python

.PHONY: run test demo bench bench-browser plotly-bundle clean

# streamlit run, with the slow imports of the pages started at the server's start (ui/preload.py)
run: $(VENV)/.runtime
	$(PY) -m ui.preload run app.py --server.port $(PORT)

test: $(VENV)/.dev
	$(PY) -m pytest

demo: $(VENV)/.runtime
	$(PY) -m data demo

bench: $(VENV)/.runtime
	$(PY) benchmarks/map.py

bench-browser: $(VENV)/.dev
	$(PY) benchmarks/browser.py

# maintainers: rebuild the committed plotly.js bundle (static/plotly/plotly-ats.min.js) from ui/plotlyjs/ after a
# change of its traces or of the plotly pin (Node.js and the npm registry; ui/plotly_bundle.py says why it is committed)
plotly-bundle:
	cd ui/plotlyjs && npm ci --no-audit --no-fund && npm run build

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
