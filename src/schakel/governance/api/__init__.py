"""The governance API under /api/v1/governance: one view per operation, thin; one module per
topic. A record the caller may not see answers 404; an action the caller may not take 403; a
rule of the covenant that refuses the change 409 with the Dutch reasons (``type``
.../governance-rule) and nothing is saved."""
