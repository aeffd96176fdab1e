"""What a plan or journal file must hold: the pydantic models, the stored core schemas, the rules, YAML read with line and column, and the messages."""
