import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Process boundaries are enforced here (VS Code's code-layering idea): each top-level folder may import only
// what ARCHITECTURE.md allows, and CI fails on a wrong import.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'worker_threads', 'url', 'util', 'stream'];
const banned = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'coverage/**', '.electron-native/**', 'tests/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', window: 'readonly', document: 'readonly', WebSocket: 'readonly', location: 'readonly', fetch: 'readonly', performance: 'readonly', structuredClone: 'readonly', navigator: 'readonly', requestAnimationFrame: 'readonly', MessagePort: 'readonly', MessageEvent: 'readonly', HTMLElement: 'readonly', KeyboardEvent: 'readonly', Intl: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [banned(nodeBuiltins, 'common/ is pure: no Node built-ins.'), banned(['electron', 'react', 'react-dom', 'better-sqlite3', 'onnxruntime-node', 'ws'], 'common/ imports no platform packages.'), banned(['**/core/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/server/**'], 'common/ imports nothing of ours.')] }],
    },
  },
  {
    files: ['core/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [banned(['electron'], 'core and server are plain Node: never import electron.'), banned(['**/main/**', '**/preload/**', '**/renderer/**'], 'core and server import only common/.')] }],
    },
  },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [banned(['**/core/**', '**/renderer/**', '**/server/**'], 'main and preload import only common/; main starts core by path.'), banned(['better-sqlite3', 'onnxruntime-node'], 'Data and inference live in core.')] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [banned(nodeBuiltins, 'The renderer runs in a sandboxed page: no Node built-ins.'), banned(['electron', 'better-sqlite3', 'onnxruntime-node', 'ws'], 'The renderer talks to core only through renderer/src/api.'), banned(['**/core/**', '**/main/**', '**/preload/**', '**/server/**'], 'renderer imports only common/.')] }],
    },
  },
  {
    files: ['core/**/*.ts', 'main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'common/**/*.ts'],
    ignores: ['core/cli/**'],
    rules: { 'no-console': 'error' },
  },
);
