"""What the terminal shows: Rich tables that fit the width, and validate's reporters."""
