import { languages } from "monaco-editor/editor/editor.api.js";
import { conf, language } from "monaco-editor/languages/definitions/typescript/typescript.js";

/**
 * The "typescript" language id with its Monarch colouring, registered up front. Monaco's own
 * registration loads the grammar lazily when the first model asks for it: one more round trip
 * after the editor's chunk, and a first frame drawn in plain black that the colours then replace.
 */
languages.register({ id: "typescript", extensions: [".ts"], aliases: ["TypeScript", "ts"], mimetypes: ["text/typescript"] });
languages.setMonarchTokensProvider("typescript", language);
languages.setLanguageConfiguration("typescript", conf);
