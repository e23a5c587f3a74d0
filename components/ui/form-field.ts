/** The look of a text input, textarea or select in the lab's and the explorer's forms. */
export const FORM_FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900";
