"""部门决算: templates, tables and what the checks share."""
