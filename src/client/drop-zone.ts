/**
 * `[data-drop-zone]`: files dropped anywhere on it go into its file input (the input stays the way to choose them
 * by keyboard or pointer without dragging). While files are dragged over it, it says where to let go.
 */
export function enhanceDropZone(zone: HTMLElement): void {
  const input = zone.querySelector<HTMLInputElement>("input[type=file]");
  if (!input) return;
  const target = zone.closest("form") ?? zone;
  let depth = 0;
  const show = (on: boolean) => zone.toggleAttribute("data-dragging", on);
  target.addEventListener("dragenter", (event) => {
    if (!(event as DragEvent).dataTransfer?.types.includes("Files")) return;
    depth++;
    show(true);
  });
  target.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) show(false);
  });
  target.addEventListener("dragover", (event) => {
    if ((event as DragEvent).dataTransfer?.types.includes("Files")) event.preventDefault();
  });
  target.addEventListener("drop", (event) => {
    const dropped = (event as DragEvent).dataTransfer?.files;
    depth = 0;
    show(false);
    if (!dropped || dropped.length === 0) return;
    event.preventDefault();
    const all = new DataTransfer();
    for (const file of [...(input.files ?? []), ...dropped]) all.items.add(file);
    input.files = all.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
