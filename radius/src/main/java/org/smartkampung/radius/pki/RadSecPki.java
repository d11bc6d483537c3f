package org.smartkampung.radius.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A small certificate authority for RadSec in one directory: {@code ca.pem}/{@code ca.key}, the
 * server's {@code server.pem}/{@code server.key}, one {@code hotspots/<name>.pem}/{@code .key} per
 * hotspot (client certificates with {@code CN=<name>}), and the revocation list {@code crl.pem}.
 * All PEM, keys PKCS#8 and readable by the owner only, which is what RouterOS ({@code /certificate
 * import}), radsecproxy, FreeRADIUS and our server read. Keys are ECDSA P-256.
 */
public final class RadSecPki {

  /** Hotspot names become file names and subjects: the config's id shape, plus dots. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final String SIGNATURE = "SHA256withECDSA";
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration CERT_VALIDITY = Duration.ofDays(825);
  private static final Duration CRL_VALIDITY = Duration.ofDays(365);

  private final Path dir;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public RadSecPki(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** What {@link #issue} made. */
  public record Issued(Path certificate, Path privateKey, String sha256Fingerprint) {}

  public Path caCertificate() {
    return dir.resolve("ca.pem");
  }

  public Path serverCertificate() {
    return dir.resolve("server.pem");
  }

  public Path serverKey() {
    return dir.resolve("server.key");
  }

  public Path crl() {
    return dir.resolve("crl.pem");
  }

  public Path hotspotCertificate(String hotspot) {
    return dir.resolve("hotspots").resolve(checkedName(hotspot) + ".pem");
  }

  public Path hotspotKey(String hotspot) {
    return dir.resolve("hotspots").resolve(checkedName(hotspot) + ".key");
  }

  /**
   * Makes the CA, the server certificate (valid for {@code serverNames}: host names or IP
   * addresses) and an empty revocation list.
   *
   * @throws IllegalStateException when the directory already holds a CA (it is never overwritten)
   */
  public void init(String caName, List<String> serverNames) throws IOException {
    if (Files.exists(caCertificate())) {
      throw new IllegalStateException("a CA already exists in " + dir);
    }
    Files.createDirectories(dir.resolve("hotspots"));
    KeyPair ca = newKeyPair();
    X500Principal caSubject = new X500Principal("CN=" + caName + " RadSec CA");
    Instant now = clock.instant();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            caSubject,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(CA_VALIDITY)),
            caSubject,
            ca.getPublic());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              ext.createSubjectKeyIdentifier(ca.getPublic()));
      X509Certificate caCert = convert(builder.build(signer(ca.getPrivate())));
      writePem(caCertificate(), "CERTIFICATE", caCert.getEncoded(), false);
      writePem(dir.resolve("ca.key"), "PRIVATE KEY", ca.getPrivate().getEncoded(), true);
      List<GeneralName> names = new ArrayList<>();
      for (String name : serverNames) {
        names.add(
            name.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")
                ? new GeneralName(
                    GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress())
                : new GeneralName(GeneralName.dNSName, name));
      }
      String cn = serverNames.isEmpty() ? "radius" : serverNames.get(0);
      issueInto(
          serverCertificate(),
          serverKey(),
          new X500Principal("CN=" + cn),
          KeyPurposeId.id_kp_serverAuth,
          names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new)));
      writeCrl(List.of());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the RadSec CA", e);
    }
  }

  /**
   * Issues (or re-issues) the client certificate of a hotspot, {@code CN=<hotspot>}.
   *
   * @throws IllegalArgumentException when the name cannot be a certificate's
   */
  public Issued issue(String hotspot) throws IOException {
    String name = checkedName(hotspot);
    Files.createDirectories(dir.resolve("hotspots"));
    X509Certificate cert =
        issueInto(
            hotspotCertificate(name),
            hotspotKey(name),
            new X500Principal("CN=" + name),
            KeyPurposeId.id_kp_clientAuth,
            null);
    return new Issued(
        hotspotCertificate(name),
        hotspotKey(name),
        org.smartkampung.core.nas.HotspotCertificate.fingerprint(cert));
  }

  /**
   * Puts the hotspot's current certificate on the revocation list.
   *
   * @return the serial number revoked
   * @throws IllegalArgumentException when no certificate was issued to that hotspot
   */
  public BigInteger revoke(String hotspot) throws IOException {
    Path file = hotspotCertificate(hotspot);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no certificate was issued to hotspot " + hotspot);
    }
    try {
      X509Certificate cert = readCertificate(file);
      List<BigInteger> serials = new ArrayList<>(revokedSerials());
      if (!serials.contains(cert.getSerialNumber())) {
        serials.add(cert.getSerialNumber());
      }
      writeCrl(serials);
      return cert.getSerialNumber();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot revoke the certificate of " + hotspot, e);
    }
  }

  /** The serial numbers on the revocation list. */
  public List<BigInteger> revokedSerials() throws IOException {
    try (Reader in = Files.newBufferedReader(crl(), StandardCharsets.US_ASCII)) {
      X509CRL crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509")
                  .generateCRL(
                      new java.io.ByteArrayInputStream(
                          new PemReader(in).readPemObject().getContent()));
      if (crl.getRevokedCertificates() == null) {
        return List.of();
      }
      return crl.getRevokedCertificates().stream().map(X509CRLEntry::getSerialNumber).toList();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read " + crl(), e);
    }
  }

  private X509Certificate issueInto(
      Path certFile,
      Path keyFile,
      X500Principal subject,
      KeyPurposeId purpose,
      GeneralNames altNames)
      throws IOException {
    try {
      X509Certificate caCert = readCertificate(caCertificate());
      PrivateKey caKey = readKey(dir.resolve("ca.key"));
      KeyPair pair = newKeyPair();
      Instant now = clock.instant();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  caCert,
                  serial(),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(CERT_VALIDITY)),
                  subject,
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(caCert));
      if (altNames != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, altNames);
      }
      X509Certificate cert = convert(builder.build(signer(caKey)));
      writePem(certFile, "CERTIFICATE", cert.getEncoded(), false);
      writePem(keyFile, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
      return cert;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  private void writeCrl(List<BigInteger> serials) throws IOException, GeneralSecurityException {
    X509Certificate caCert = readCertificate(caCertificate());
    PrivateKey caKey = readKey(dir.resolve("ca.key"));
    Instant now = clock.instant();
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(
            new org.bouncycastle.asn1.x500.X500Name(caCert.getSubjectX500Principal().getName()),
            Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
    for (BigInteger serial : serials) {
      builder.addCRLEntry(serial, Date.from(now), CRLReason.cessationOfOperation);
    }
    X509CRLHolder holder = builder.build(signer(caKey));
    X509CRL crl = new JcaX509CRLConverter().getCRL(holder);
    writePem(crl(), "X509 CRL", crl.getEncoded(), false);
  }

  private static String checkedName(String hotspot) {
    if (hotspot == null || !NAME.matcher(hotspot).matches()) {
      throw new IllegalArgumentException(
          "'" + hotspot + "' is not a hotspot name (letters, digits, '.', '_', '-')");
    }
    return hotspot;
  }

  private KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make P-256 keys", e);
    }
  }

  private BigInteger serial() {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(SIGNATURE).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with " + SIGNATURE, e);
    }
  }

  private static X509Certificate convert(org.bouncycastle.cert.X509CertificateHolder holder)
      throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static X509Certificate readCertificate(Path file)
      throws IOException, GeneralSecurityException {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      byte[] der = new PemReader(in).readPemObject().getContent();
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
  }

  private static void writePem(Path file, String type, byte[] der, boolean secret)
      throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(new PemObject(type, der));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    if (secret) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    }
    Files.writeString(tmp, text.toString(), StandardCharsets.US_ASCII);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
