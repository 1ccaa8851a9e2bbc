// Compiled by RoslynCodeTaskFactory from build/TorchSharpGlibcxx.targets; not part of any project.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on one version need (a Vernaux entry in .gnu.version_r) of 64-bit little-endian ELF
/// shared objects, so the dynamic loader tolerates the version being absent. Refuses when a relocation binds a
/// symbol of that version, because then the need is real. Idempotent: an already weak entry is left alone.
/// </summary>
public sealed class WeakenElfVersionNeed : Task
{
    const uint ShtRela = 4, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        foreach (var file in Files)
        {
            try { Patch(file.GetMetadata("FullPath")); }
            catch (Exception e)
            {
                Log.LogError("Cannot patch {0}: {1}", file.ItemSpec, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    void Patch(string path)
    {
        byte[] b = File.ReadAllBytes(path);
        if (b.Length < 64 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F' || b[4] != 2 || b[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");

        long shoff = I64(b, 0x28);
        int shentsize = U16(b, 0x3a), shnum = U16(b, 0x3c);
        Section Sec(int i) => new Section(b, checked((int)(shoff + (long)i * shentsize)));

        // Find the Vernaux entry named VersionName and the version index it defines.
        int flagsOffset = -1, versionIndex = -1;
        for (int s = 0; s < shnum && flagsOffset < 0; s++)
        {
            var sec = Sec(s);
            if (sec.Type != ShtGnuVerneed) continue;
            int strtab = Sec((int)sec.Link).Offset;
            int vn = sec.Offset;
            for (uint n = 0; n < sec.Info && flagsOffset < 0; n++)
            {
                int vna = vn + (int)U32(b, vn + 8);
                for (int a = 0; a < U16(b, vn + 2); a++)
                {
                    if (Str(b, strtab + (int)U32(b, vna + 8)) == VersionName)
                    {
                        flagsOffset = vna + 4;
                        versionIndex = U16(b, vna + 6);
                        break;
                    }
                    vna += (int)U32(b, vna + 12);
                }
                vn += (int)U32(b, vn + 12);
            }
        }

        if (flagsOffset < 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0}: no need for {1}; nothing to do.", path, VersionName);
            return;
        }
        if ((U16(b, flagsOffset) & VerFlgWeak) != 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0}: {1} already weak.", path, VersionName);
            return;
        }

        // Safe only if the loader never has to bind a symbol of that version (e.g. a marker symbol nothing calls).
        for (int s = 0; s < shnum; s++)
        {
            var sec = Sec(s);
            if (sec.Type != ShtRela) continue;
            var versym = Sec(FindSection(b, shoff, shentsize, shnum, ShtGnuVersym));
            for (long r = 0; r < sec.Size; r += 24)
            {
                long sym = (long)((ulong)I64(b, sec.Offset + (int)r + 8) >> 32);
                if (sym != 0 && (U16(b, versym.Offset + (int)(sym * 2)) & 0x7fff) == versionIndex)
                    throw new InvalidDataException($"a relocation binds symbol #{sym} of {VersionName}; weakening it would be unsafe");
            }
        }

        // Patch a fresh copy and swap it in: never write through a hard link or symlink into the NuGet cache.
        // Keep the timestamp so the SDK's incremental copy (size + time) does not overwrite it with the original.
        DateTime mtime = File.GetLastWriteTimeUtc(path);
        string tmp = path + ".weaken.tmp";
        File.Copy(path, tmp, overwrite: true);
        using (var fs = new FileStream(tmp, FileMode.Open, FileAccess.Write))
        {
            fs.Position = flagsOffset;
            ushort flags = (ushort)(U16(b, flagsOffset) | VerFlgWeak);
            fs.WriteByte((byte)flags);
            fs.WriteByte((byte)(flags >> 8));
        }
        File.SetLastWriteTimeUtc(tmp, mtime);
        File.Delete(path);
        File.Move(tmp, path);
        Log.LogMessage(MessageImportance.Normal, "{0}: marked version need {1} weak.", path, VersionName);
    }

    static int FindSection(byte[] b, long shoff, int shentsize, int shnum, uint type)
    {
        for (int s = 0; s < shnum; s++)
            if (new Section(b, checked((int)(shoff + (long)s * shentsize))).Type == type) return s;
        throw new InvalidDataException("no .gnu.version section");
    }

    readonly struct Section
    {
        public readonly uint Type, Link, Info;
        public readonly int Offset;
        public readonly long Size;
        public Section(byte[] b, int h)
        {
            Type = U32(b, h + 4);
            Offset = checked((int)I64(b, h + 24));
            Size = I64(b, h + 32);
            Link = U32(b, h + 40);
            Info = U32(b, h + 44);
        }
    }

    static ushort U16(byte[] b, int o) => (ushort)(b[o] | b[o + 1] << 8);
    static uint U32(byte[] b, int o) => (uint)(U16(b, o) | U16(b, o + 2) << 16);
    static long I64(byte[] b, int o) => (long)(U32(b, o) | (ulong)U32(b, o + 4) << 32);

    static string Str(byte[] b, int o)
    {
        int end = o;
        while (b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, o, end - o);
    }
}
