// /apply — the public application form. Before sending, the page proves a little work (hashcash, see
import './hiring.css';
// docs/hiring.md): a flood then costs the sender, not us.
import { useState, type ChangeEvent } from 'react';
import { ErrorNote, useSubmit } from '@mcf/ui';
import { useTrpc } from '../../api.ts';
import { solveInBrowser } from './pow.ts';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 5 * 1024 * 1024;
const EMPTY = { name: '', age: '', breed: '', coatColor: '', contact: '' };

type Photo = { mimeType: 'image/jpeg' | 'image/png' | 'image/webp'; dataBase64: string };

function readPhoto(file: File): Promise<Photo> {
  return new Promise((resolve, reject) => {
    if (!TYPES.includes(file.type)) return reject(new Error('The photo must be a JPEG, PNG or WebP image'));
    if (file.size > MAX_BYTES) return reject(new Error('The photo must be at most 5 MB'));
    const r = new FileReader();
    r.onload = () => resolve({ mimeType: file.type as Photo['mimeType'], dataBase64: String(r.result).replace(/^data:[^,]*;base64,/, '') });
    r.onerror = () => reject(new Error('Could not read the photo'));
    r.readAsDataURL(file);
  });
}

export function ApplyPage() {
  const trpc = useTrpc();
  const [form, setForm] = useState(EMPTY);
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [photoError, setPhotoError] = useState<unknown>(null);
  const [stage, setStage] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: string; name: string; contact: string } | null>(null);
  const set = (k: keyof typeof EMPTY) => (e: ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    setPhotoError(null);
    const file = e.target.files?.[0];
    if (!file) return setPhoto(null);
    try {
      setPhoto(await readPhoto(file));
    } catch (err) {
      setPhoto(null);
      setPhotoError(err);
    }
  };

  const { busy, error, onSubmit } = useSubmit(async () => {
    try {
      setStage('Checking the form…');
      const ch = await trpc.hiring.challenge.query();
      const nonce = ch.bits > 0 ? await solveInBrowser(ch.challenge, ch.bits) : '0';
      setStage('Sending…');
      const r = await trpc.hiring.apply.mutate({
        name: form.name.trim(),
        age: Number(form.age),
        breed: form.breed.trim(),
        coatColor: form.coatColor.trim(),
        contact: form.contact.trim(),
        photo,
        proof: { challenge: ch.challenge, nonce },
      });
      setDone({ id: r.applicationId, name: form.name.trim(), contact: form.contact.trim() });
    } finally {
      setStage(null);
    }
  });

  if (done) {
    return (
      <div className="card narrow" data-testid="apply-done">
        <h1>Thank you, {done.name}!</h1>
        <p className="success">Your application is in.</p>
        <p className="muted">
          A manager will contact you at <strong>{done.contact}</strong> and send you a personal link to your tests.
        </p>
      </div>
    );
  }

  return (
    <form className="card narrow apply-form" onSubmit={onSubmit} aria-label="Apply to become a worker">
      <h1>Become an MCF worker</h1>
      <p className="muted">Only the best cats join us. Tell us about yourself; a manager will get in touch.</p>
      <label>
        Name
        <input name="name" required maxLength={80} value={form.name} onChange={set('name')} />
      </label>
      <div className="form-row">
        <label>
          Age (years)
          <input name="age" type="number" required min={1} max={30} step={1} value={form.age} onChange={set('age')} />
        </label>
        <label>
          Breed
          <input name="breed" required maxLength={60} value={form.breed} onChange={set('breed')} />
        </label>
      </div>
      <label>
        Coat colour
        <input name="coatColor" required maxLength={40} value={form.coatColor} onChange={set('coatColor')} />
      </label>
      <label>
        Contact (email or phone)
        <input name="contact" required maxLength={200} value={form.contact} onChange={set('contact')} />
      </label>
      <label>
        Photo (JPEG, PNG or WebP, up to 5 MB)
        <input name="photo" type="file" accept={TYPES.join(',')} onChange={onFile} />
      </label>
      <ErrorNote error={photoError ?? error} />
      <button type="submit" disabled={busy}>
        {busy ? (stage ?? 'Sending…') : 'Send my application'}
      </button>
    </form>
  );
}
