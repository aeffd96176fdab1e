"""The work of the year: due, done, undo, show; team loads and completion; accept and move after an amendment; evidence corrections; LKE answers recorded."""
