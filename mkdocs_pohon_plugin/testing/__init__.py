"""Test and benchmark support: the synthetic regency generator.

Not part of the plugin's or the CLI's runtime imports, and not shipped in the wheel."""
