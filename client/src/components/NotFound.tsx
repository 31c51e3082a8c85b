export function NotFound() {
  return (
    <main className="page narrow">
      <h1>Page not found</h1>
      <p>
        This address is not part of the voting app. Scan the QR code on the screen again, or go to the <a href="/">start page</a>.
      </p>
    </main>
  );
}
