// ESLint flat config: typescript-eslint's recommended rules plus the import
// boundaries of docs/architecture.md. `npm run lint` (part of `npm test`).
//
// typescript-eslint parses with the `typescript` package (6.x, JavaScript);
// the type check itself runs on the native compiler (`typescript-native`, 7.x).
import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const screens = ['facilitator', 'home', 'projector', 'report', 'voter'];

/** Layers: arrows point the way imports may go (shared ← server, shared ← client). */
const zones = [
  { target: './shared', from: './server', message: 'shared is the pure core: it imports neither server nor client.' },
  { target: './shared', from: './client', message: 'shared is the pure core: it imports neither server nor client.' },
  { target: './server', from: './client', message: 'the server does not import client code.' },
  { target: './client', from: './server', message: 'the client talks to the server over the wire only.' },
  {
    target: './server/http',
    from: './server/realtime',
    message: 'REST and Socket.IO are siblings: share code through server/commands or the hub.',
  },
  ...screens.map((screen) => ({
    target: `./client/src/screens/${screen}`,
    from: './client/src/screens',
    except: [`./${screen}`],
    message: 'one screen does not import another: move what both need to client/src/components or client/src/lib.',
  })),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'client/dist/', 'data/', 'bench/results/', 'test-results/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      // Imports name their files with the extension ('./x.ts'); the node resolver finds them.
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // TypeScript checks undefined names and types (tsc runs in `npm test`).
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
);
