export function EditorLoading() {
  return (
    <div role="status" className="flex h-full items-center justify-center text-sm text-slate-600 dark:text-slate-400">
      Loading the editor…
    </div>
  );
}
