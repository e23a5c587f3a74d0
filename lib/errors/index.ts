/**
 * The catalogue of the playground's errors: codes with their title and HTTP status
 * (catalogue.ts) and the learner-facing words for each (service, limits, program, pace).
 * The lowest package of lib/: it imports nothing from the rest.
 */
export * from "./catalogue";
export * from "./service";
export * from "./limits";
export * from "./program";
export * from "./pace";
