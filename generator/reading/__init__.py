"""Reading a secretary's YAML: the diagnosis of YAML's traps from the raw lines, and the checks of the data's
shape that tell text YAML misread as a mapping or a list from a real mistake in the data."""
