import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-bold">There is no such page</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">The unit you asked for is not part of this course.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline dark:text-blue-300">
        Back to the course
      </Link>
    </div>
  );
}
