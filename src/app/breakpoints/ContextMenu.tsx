/**
 * A small accessible context menu (WAI-ARIA menu pattern): opens at client
 * coordinates, focuses its first item, Up/Down/Home/End move, Enter/Space
 * choose, Escape/Tab or a click elsewhere close it, and focus returns to the
 * element that was focused before it opened.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import './breakpoints.css';

export interface MenuItem {
  readonly label: string;
  readonly onSelect: () => void;
}

export interface ContextMenuProps {
  /** Client coordinates of the menu's top-left corner (moved inside the window if needed). */
  readonly x: number;
  readonly y: number;
  /** Accessible name and visible heading. */
  readonly label: string;
  readonly items: readonly MenuItem[];
  readonly onClose: () => void;
}

export function ContextMenu({ x, y, label, items, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: x, top: y });
  const opener = useRef<Element | null>(null);

  useLayoutEffect(() => {
    const box = menu.current?.getBoundingClientRect();
    if (!box) return;
    setPos({ left: Math.max(4, Math.min(x, innerWidth - box.width - 4)), top: Math.max(4, Math.min(y, innerHeight - box.height - 4)) });
  }, [x, y, items.length]);

  useEffect(() => {
    opener.current = document.activeElement;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      if (opener.current instanceof HTMLElement || opener.current instanceof SVGElement) opener.current.focus();
    };
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = list.indexOf(document.activeElement as HTMLElement);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = (at + 1) % list.length;
    else if (e.key === 'ArrowUp') next = (at - 1 + list.length) % list.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (next === null) return;
    e.preventDefault();
    list[next]?.focus();
  };

  // In <body>: a view's containment or scrolling never clips or shifts it.
  return createPortal(
    <div ref={menu} className="hv-menu" role="menu" aria-label={label} style={{ left: pos.left, top: pos.top }} onKeyDown={onKeyDown} onContextMenu={(e) => e.preventDefault()}>
      <div className="hv-menu-title" aria-hidden="true">
        {label}
      </div>
      {items.map((it, i) => (
        <button
          key={i}
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            onClose();
            it.onSelect();
          }}
        >
          {it.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}
