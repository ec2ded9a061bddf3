"""Typed models of what a homepage shows; they know nothing of docutils or Sphinx."""

# Where the build keeps the loaded figures of ``researcher_metrics_file``:
# ``env.domaindata["researcher"][METRICS_KEY]``. Here rather than in ``model.metrics`` (which
# re-exports it), so that a build without a metrics file looks for them without importing it.
METRICS_KEY = "metrics"
