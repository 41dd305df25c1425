// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeIo = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'child_process',
  'os',
  'path',
  'process',
  'worker_threads',
  'dgram',
  'cluster',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'drizzle/**',
      'src/web/public/**',
      'bench/out/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
    },
  },
  {
    // The rules of governance are pure: nothing from the database, the web, the CLI or Node I/O.
    files: ['src/domain/**/*.ts', 'src/codes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', '**/db', '**/web/**', '**/web', '**/cli/**', '**/cli', '**/app/**'],
              message: 'src/domain and src/codes are pure: no db, web, cli or app imports.',
            },
            {
              group: nodeIo.flatMap((m) => [m, `node:${m}`]),
              message: 'src/domain and src/codes are pure: no Node I/O.',
            },
            {
              group: [
                'drizzle-orm',
                'drizzle-orm/*',
                'pg',
                '@electric-sql/*',
                'fastify',
                'fastify/*',
                '@fastify/*',
              ],
              message: 'src/domain and src/codes are pure: no frameworks or drivers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
