"""Pure computations on the model and the evidence: attainment, compliance, schedule, investment,
validation, accountability, due dates and the working-day calendar."""
