# The course's commands. `make run` and `make test` install what they need first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Ports, when the defaults (8000 for the API, 8888 for JupyterLab) are taken:
#   make run API_PORT=8001 LAB_PORT=8889    (NO_BROWSER=1: open the printed URL yourself)
# COURSE_STARTED_BY tells the course command that make started it, so that its messages name
# these variables.
COURSE = @COURSE_STARTED_BY='make $@' $(BIN)/course
API_PORT_OPTION = $(if $(API_PORT),--$(1) $(API_PORT))
LAB_PORT_OPTION = $(if $(LAB_PORT),--$(1) $(LAB_PORT))
SITE_PORT_OPTION = $(if $(SITE_PORT),--$(1) $(SITE_PORT))
BROWSER_OPTION = $(if $(NO_BROWSER),--no-browser)

.PHONY: help install run serve lab build site seed test clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

install: $(INSTALLED)  ## create .venv and install the project and its pinned dependencies

$(INSTALLED): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed: install it, or run make PYTHON=python3.12")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

run: install  ## start the course: JupyterLab at lesson 00 and the reference server (Ctrl-C stops both)
	$(COURSE) run $(call API_PORT_OPTION,api-port) $(call LAB_PORT_OPTION,lab-port) $(BROWSER_OPTION)

serve: install  ## only the reference server, with demo data, on http://127.0.0.1:8000/api (API_PORT=)
	$(COURSE) serve $(call API_PORT_OPTION,port)

lab: install  ## only JupyterLab on the course, at lesson 00 (LAB_PORT=)
	$(COURSE) lab $(call LAB_PORT_OPTION,port) $(BROWSER_OPTION)

build: install  ## regenerate notebooks/ from lessons/ and exercises/ from solutions/
	$(BIN)/course build

site: install  ## build the course as a website in build/site (SERVE=1 serves it; SITE_PORT=)
	$(COURSE) site $(if $(SERVE),--serve) $(call SITE_PORT_OPTION,port)

seed: install  ## replace the development database with fresh demo data
	$(BIN)/python -m server seed --reset

test: install  ## run every test; those needing an absent database server are skipped
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:  ## remove the virtual environment and local data
	rm -rf $(VENV) var .pytest_cache
