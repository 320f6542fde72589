import { useEffect, useRef, type RefObject } from 'react';
import type { ControllerFactory, Controller } from './controller.ts';

/**
 * Mounts the controller made by `create` in the returned ref's element,
 * pushes `props` to it after every render, and destroys it on unmount.
 * `create` must be stable (a module-level function).
 */
export function useController<P>(create: ControllerFactory<P>, props: P): RefObject<HTMLDivElement | null> {
  const host = useRef<HTMLDivElement | null>(null);
  const controller = useRef<Controller<P> | null>(null);
  useEffect(() => {
    const node = host.current;
    if (!node) return;
    const c = create(node);
    controller.current = c;
    return () => {
      c.destroy();
      controller.current = null;
    };
  }, [create]);
  useEffect(() => {
    controller.current?.update(props);
  });
  return host;
}
