import { type ComponentType, lazy } from "react";

/**
 * A screen part from a chunk loaded after the page (decision 0063). `preload` fetches it; `current()`
 * is the component to render: once the chunk is here, the part itself, which renders at once with no
 * Suspense step (`React.lazy` alone suspends once on its first render even when the chunk has long
 * arrived); before then a lazy one that suspends until it is, so render it inside a Suspense.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => {
    pending ??= load().then((component) => {
      loaded = component;
      return { default: component };
    });
    return pending;
  };
  const Lazy = lazy(preload);
  return { preload, current: (): ComponentType<P> => loaded ?? Lazy };
}
