/** Options every API command takes. */
export const GLOBAL_OPTIONS = {
  'api-url': { type: 'string' },
  org: { type: 'string' },
  profile: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
