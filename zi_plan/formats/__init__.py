"""Writing the plan in other shapes: tidy YAML, a starter plan, CSV, Excel, iCalendar, the LKE answer sheet."""
