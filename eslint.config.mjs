// eslint over the browser widgets (docs/assets/js/), their unit tests (tests/js/) and the scripts
// that run Pyodide under Node (tests/pyodide/, scripts/sitegen/pyodide_build/).
// Installed by `npm ci` from package.json / package-lock.json (test-only, never shipped).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["docs/vendor/**", "site/**", "node_modules/**", ".cache/**"],
  },
  js.configs.recommended,
  {
    files: ["docs/assets/js/**/*.js", "docs/assets/js/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: { ...globals.browser },
    },
  },
  {
    // Classic scripts (mkdocs.yml extra_javascript without `type: module`): their top-level names are page globals.
    files: ["docs/assets/js/accessibility.js", "docs/assets/js/case-filters.js", "docs/assets/js/search-on-demand.js"],
    languageOptions: {
      sourceType: "script",
    },
    rules: {
      "no-implicit-globals": ["error", { lexicalBindings: true }],
    },
  },
  {
    // The Pyodide worker: a module worker, with the worker's globals (self, importScripts, postMessage).
    files: ["docs/assets/js/pyodide-worker.mjs"],
    languageOptions: {
      globals: { ...globals.worker },
    },
  },
  {
    // Material for MkDocs' page observable, used to rebind widgets after instant navigation.
    files: ["docs/assets/js/**/*.js"],
    languageOptions: {
      globals: { document$: "readonly" },
    },
  },
  {
    files: ["tests/js/**/*.mjs", "tests/pyodide/**/*.mjs", "scripts/**/*.mjs", "eslint.config.mjs"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: { ...globals.node },
    },
  },
  {
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-self-compare": "error",
      "no-template-curly-in-string": "error",
      "no-unmodified-loop-condition": "error",
      "no-unreachable-loop": "error",
      "array-callback-return": "error",
      "no-throw-literal": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
];
