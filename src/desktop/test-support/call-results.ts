/** Test support: a desktop call's answer, checked against the contract, or its failure. */
import { desktopCalls, type DesktopCallName, type DesktopResult } from '../contract';

/** The call's value parsed by its output schema; a failure fails the test with its error. */
export function value<K extends DesktopCallName>(name: K, result: DesktopResult<unknown>) {
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return desktopCalls[name].output.parse(result.value) as ReturnType<
    (typeof desktopCalls)[K]['output']['parse']
  >;
}

/** The call's error; a success fails the test with its value. */
export function failure(result: DesktopResult<unknown>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}
