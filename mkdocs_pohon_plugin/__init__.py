"""MkDocs plugin publishing pohon kinerja (SAKIP performance trees) kept as YAML."""
