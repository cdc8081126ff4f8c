"""Files and persistence: reading and validating TOML, sessions, the workspace, writing."""
