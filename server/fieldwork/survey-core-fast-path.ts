import { Base } from "survey-core";

/**
 * survey-core 3.0.0 asks `isLoadingFromJson` on every property read, only to decide whether to record
 * the read as a dependency of a computed property being evaluated. Nothing is recorded unless such an
 * evaluation is under way (`Base.currentDependencis` is set), and `isLoadingFromJson` climbs to the
 * survey each time it is asked: profiling put that question at about a fifth of validating a 40-question
 * interview. This swaps the order of the two checks — the same answer from the cheaper one first.
 *
 * It is installed only where survey-core runs headless to validate (the validation worker threads),
 * and only when survey-core's method is exactly the one written against; otherwise it does nothing and
 * says so. test/server/survey-core-fast-path.test.ts checks validation gives the same issues either way.
 */

type PropertyReader = (this: BaseInternals, hash: Record<string, unknown>, name: string) => unknown;

interface BaseInternals {
  isLoadingFromJson: boolean;
  getPropertyValueCoreHandler?: (hash: Record<string, unknown>, name: string) => unknown;
}

interface BaseStatics {
  currentDependencis: unknown;
  collectDependency(target: unknown, name: string): void;
  prototype: { getPropertyValueCore: PropertyReader };
}

const EXPECTED = `getPropertyValueCore(propertiesHash, name) {
        if (!this.isLoadingFromJson) {
            Base.collectDependency(this, name);
        }
        if (this.getPropertyValueCoreHandler)
            return this.getPropertyValueCoreHandler(propertiesHash, name);
        else
            return propertiesHash[name];
    }`;

const squeeze = (source: string) => source.replace(/\s+/g, "");

let original: PropertyReader | undefined;

/** Answers whether the faster property reads are in place. */
export function installFastPropertyReads(): boolean {
  const base = Base as unknown as BaseStatics;
  if (original) return true;
  const current = base.prototype.getPropertyValueCore;
  if (squeeze(current.toString()) !== squeeze(EXPECTED)) return false;
  original = current;
  base.prototype.getPropertyValueCore = function (this: BaseInternals, hash, name) {
    if (base.currentDependencis !== undefined && !this.isLoadingFromJson) base.collectDependency(this, name);
    return this.getPropertyValueCoreHandler ? this.getPropertyValueCoreHandler(hash, name) : hash[name];
  };
  return true;
}

/** Puts survey-core's own method back (for tests that compare both). */
export function uninstallFastPropertyReads(): void {
  if (!original) return;
  (Base as unknown as BaseStatics).prototype.getPropertyValueCore = original;
  original = undefined;
}
