import { marked } from "marked";

/** The unit's title is the page heading, so a leading "# Title" in the Markdown is dropped. */
function withoutLeadingTitle(markdown: string): string {
  return markdown.replace(/^\s*#\s[^\n]*\n/, "");
}

/**
 * Renders lesson Markdown on the server. The Markdown is course content from this repository
 * (reviewed like code), never learner input, so its HTML is trusted.
 */
export function Prose({ markdown }: { markdown: string }) {
  const html = marked.parse(withoutLeadingTitle(markdown), { async: false, gfm: true });
  return <div className="prose-lesson" dangerouslySetInnerHTML={{ __html: html }} />;
}
