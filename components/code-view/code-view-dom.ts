/**
 * What a script that runs before hydration may rely on (restoreSavedCodeScript): the textarea,
 * the class the view wears once hydrated, and the one that shows the text plain before that
 * (the colours cannot follow typing yet, so the stale ones hide). Apart from the component, so
 * that the server page can import it.
 */
export const CODE_VIEW_DOM = { input: '[data-testid="code-input"]', live: "cv-live", plain: "cv-plain" } as const;
