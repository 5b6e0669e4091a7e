/** Prometheus's label name rule (2.x, before UTF-8 names): it refuses a rule file that breaks it. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
