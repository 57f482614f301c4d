"""What reviewers of a merge request use: the domain diff, the canonical formatter, git history,
the published-ids check and the CI report formats."""
