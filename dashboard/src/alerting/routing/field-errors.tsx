/** The API's field errors (`{ path, message }`) under a form, each with the field it names. */
export interface FieldError {
  path: string;
  message: string;
}

export function FieldErrors({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul class="error-box">
      {errors.map((e) => (
        <li>
          <code>{e.path}</code> {e.message}
        </li>
      ))}
    </ul>
  );
}
