'use strict';
// ESLint for the pages in src/main/resources/webroot: classic browser scripts (no modules, no build step), standard
// JavaScript up to ES2020 (what the pages promise to run on), each file one 'use strict' script sharing through one
// namespace object on window. Run by .ci/run: npm ci && npm run lint.
const js = require('@eslint/js');
const globals = require('globals');

module.exports = [
  { ignores: ['target/'] }, // the copies Maven makes
  js.configs.recommended,
  {
    files: ['src/main/resources/webroot/**/*.js'],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: 'script',
      globals: globals.browser,
    },
    rules: {
      strict: ['error', 'global'],
      eqeqeq: 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      'no-implicit-globals': 'error',
      'no-shadow': 'error',
      'no-use-before-define': ['error', { functions: false, classes: true, variables: true }],
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/main/resources/webroot/console/heartbeat.js'],
    languageOptions: { globals: globals.worker },
  },
  {
    files: ['eslint.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
];
