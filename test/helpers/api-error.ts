import { expect } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { rejectionOf } from './sandbox.js';

/** Runs a client call that must fail, and returns the ApiError it failed with. */
export async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}
