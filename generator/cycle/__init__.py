"""The office cycle: periods, office profile, carrying a notice to the next period, task follow-up, number register."""
