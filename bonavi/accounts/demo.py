"""The demo's one password (`make demo`), for every account the demo commands make: accounts holds it because the
commands that make those accounts live in apps above it (jobs' `demo`, seekers' `seekers_demo`)."""

DEMO_PASSWORD = "bonavi-demo-2026"
