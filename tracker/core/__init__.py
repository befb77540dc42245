"""Pure domain logic: values, title identity, timelines and alert rules. No I/O."""
