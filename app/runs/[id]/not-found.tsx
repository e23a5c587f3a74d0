import Link from "next/link";

/** An unknown, expired or evicted run id: said plainly, with the way back. */
export default function SharedRunNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center" data-testid="shared-run-missing">
      <h1 className="text-2xl font-bold">This run link has expired or does not exist</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        Shared runs are kept for 24 hours, and the oldest go early when the playground runs short of room. Ask for a new
        link, or run the unit yourself.
      </p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline dark:text-blue-300">
        Back to the course
      </Link>
    </div>
  );
}
