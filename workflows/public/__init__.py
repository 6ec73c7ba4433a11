"""The applicant's side of the idea pipeline: intake, private status page, answers, withdrawal.

Views here validate input and call one action each; they hold no business rules.
"""
