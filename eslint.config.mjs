import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Workflow code runs in Temporal's deterministic sandbox: it may import only
// @temporalio/workflow, the catalog (pure data and functions, below) and types.
// Everything else (Node built-ins, clients, config, secrets) belongs in activities.
const workflowImportRules = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: '^(?!@temporalio/(workflow|common)$|\\./|\\.\\./catalog/)',
          allowTypeImports: true,
          message:
            'Workflow code may import only @temporalio/workflow (and @temporalio/common), sibling workflow files, the catalog and types.',
        },
      ],
    },
  ],
};

// The catalog is imported by workflow code, so it stays pure: sibling files and types only.
const catalogImportRules = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: '^(?!\\./)',
          allowTypeImports: true,
          message:
            'The catalog is imported by workflow code: it may import only sibling catalog files and types.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.tools', '.temporal', 'coverage', 'out'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/workflows/**/*.ts'],
    rules: workflowImportRules,
  },
  {
    files: ['src/catalog/**/*.ts'],
    rules: catalogImportRules,
  },
  {
    // jest's asymmetric matchers (expect.any, objectContaining) are typed `any`.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
