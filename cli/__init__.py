"""The command line (`python -m logic`, the documented way, or `python -m cli`): a click shell over the rules
core (`logic`) and the exports (`exports`), in `cli/commands.py`. It sits outside `logic/`, so the core imports
neither it nor the exports; `logic/__main__.py` only hands `python -m logic` over to it."""
