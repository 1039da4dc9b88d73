<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ApiErrors</name>
    <message>
        <source>Procore asked you to sign in again.</source>
        <translation>Procore te pidió que vuelvas a iniciar sesión.</translation>
    </message>
    <message>
        <source>Procore did not allow the app to see this. Ask your Procore administrator for access.</source>
        <translation>Procore no permitió que la aplicación vea esto. Pide acceso a tu administrador de Procore.</translation>
    </message>
    <message>
        <source>Procore Desktop is not connected to %1. Ask an administrator of %1 to install the Procore Desktop app from the Procore App Marketplace (Company Admin &gt; App Management), then try again.</source>
        <translation>Procore Desktop no está conectado a %1. Pide a un administrador de %1 que instale la aplicación Procore Desktop desde el Procore App Marketplace (Company Admin &gt; App Management) y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Procore did not show this to you: you may not have access to it (Procore answers the same when something was deleted). Ask your Procore administrator for access.</source>
        <translation>Procore no te mostró esto: puede que no tengas acceso (Procore responde lo mismo cuando algo se eliminó). Pide acceso a tu administrador de Procore.</translation>
    </message>
    <message>
        <source>Procore is having trouble right now. Try again in a few minutes.</source>
        <translation>Procore tiene problemas en este momento. Vuelve a intentarlo en unos minutos.</translation>
    </message>
    <message>
        <source>Procore refused the app&apos;s request. Try again; if it keeps happening, update Procore Desktop or report the problem.</source>
        <translation>Procore rechazó la solicitud de la aplicación. Vuelve a intentarlo; si sigue ocurriendo, actualiza Procore Desktop o informa del problema.</translation>
    </message>
    <message>
        <source>Procore asked the app to slow down. Try again in a few minutes.</source>
        <translation>Procore pidió a la aplicación que vaya más despacio. Vuelve a intentarlo en unos minutos.</translation>
    </message>
    <message>
        <source>Procore asked the app to slow down. Try again after %1.</source>
        <translation>Procore pidió a la aplicación que vaya más despacio. Vuelve a intentarlo después de las %1.</translation>
    </message>
    <message>
        <source>Procore sent an answer the app does not understand. Try again; if it keeps happening, report the problem.</source>
        <translation>Procore envió una respuesta que la aplicación no entiende. Vuelve a intentarlo; si sigue ocurriendo, informa del problema.</translation>
    </message>
    <message>
        <source>Procore sent the app to another address, which the app does not follow for your safety. Check the configured Procore address.</source>
        <translation>Procore envió la aplicación a otra dirección, que la aplicación no sigue por tu seguridad. Revisa la dirección de Procore configurada.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
</context>
<context>
    <name>AuthorizationResponse</name>
    <message>
        <source>The sign-in answer did not belong to the sign-in you started, so it was refused for your safety. Please sign in again.</source>
        <translation>La respuesta de inicio de sesión no correspondía al inicio de sesión que empezaste, así que se rechazó por tu seguridad. Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>The sign-in answer went to an unexpected address. Check the redirect URI configured for the app.</source>
        <translation>La respuesta de inicio de sesión llegó a una dirección inesperada. Revisa la URI de redirección configurada para la aplicación.</translation>
    </message>
    <message>
        <source>Procore&apos;s sign-in answer contained no authorization code. Please sign in again.</source>
        <translation>La respuesta de inicio de sesión de Procore no traía ningún código de autorización. Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>You declined access, so the app cannot show your Procore projects. Sign in again and choose Allow to continue.</source>
        <translation>Rechazaste el acceso, así que la aplicación no puede mostrar tus proyectos de Procore. Vuelve a iniciar sesión y elige Allow (Permitir) para continuar.</translation>
    </message>
</context>
<context>
    <name>BannerWidget</name>
    <message>
        <source>Status message</source>
        <translation>Mensaje de estado</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>Ocultar este mensaje</translation>
    </message>
    <message>
        <source>Hide message</source>
        <translation>Ocultar mensaje</translation>
    </message>
</context>
<context>
    <name>CliRunner</name>
    <message>
        <source>You are not signed in to Procore (%1). Run &quot;%2 --sign-in&quot;, or open %3 and sign in.</source>
        <translation>No has iniciado sesión en Procore (%1). Ejecuta &quot;%2 --sign-in&quot; o abre %3 e inicia sesión.</translation>
    </message>
    <message>
        <source>Company %1 is not among your Procore companies.</source>
        <translation>La empresa %1 no está entre tus empresas de Procore.</translation>
    </message>
    <message>
        <source>Your Procore account has no companies.</source>
        <translation>Tu cuenta de Procore no tiene empresas.</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln project(s)</source>
        <translation>
            <numerusform>%1 — %Ln proyecto</numerusform>
            <numerusform>%1 — %Ln proyectos</numerusform>
        </translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>Open this address to sign in to Procore and press Allow:</source>
        <translation>Abre esta dirección para iniciar sesión en Procore y pulsa Allow (Permitir):</translation>
    </message>
    <message>
        <source>Waiting for your browser… (Ctrl+C to give up)</source>
        <translation>Esperando a tu navegador… (Ctrl+C para abandonar)</translation>
    </message>
    <message>
        <source>Then paste the code Procore shows here and press Enter:</source>
        <translation>Después pega aquí el código que muestra Procore y pulsa Intro:</translation>
    </message>
    <message>
        <source>No code was entered.</source>
        <translation>No se introdujo ningún código.</translation>
    </message>
    <message>
        <source>That is not a Procore code. Paste the code Procore shows:</source>
        <translation>Eso no es un código de Procore. Pega el código que muestra Procore:</translation>
    </message>
    <message>
        <source>Signed in to Procore (%1).</source>
        <translation>Sesión iniciada en Procore (%1).</translation>
    </message>
    <message>
        <source>Not fully signed out of Procore (%1): these could not be deleted: %2. Run &quot;%3 --sign-out&quot; again.</source>
        <translation>La sesión de Procore (%1) no se cerró del todo: no se pudo eliminar lo siguiente: %2. Vuelve a ejecutar &quot;%3 --sign-out&quot;.</translation>
    </message>
    <message>
        <source>Signed out of Procore (%1).</source>
        <translation>Sesión de Procore cerrada (%1).</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n sheet(s), about %1…</source>
        <translation>
            <numerusform>Descargando %n plano, unos %1…</numerusform>
            <numerusform>Descargando %n planos, unos %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing the drawings of project %1 in %2…</source>
        <translation>Obteniendo la lista de planos del proyecto %1 en %2…</translation>
    </message>
    <message numerus="yes">
        <source>Project %1 (%2): %n sheet(s) kept offline.</source>
        <translation>
            <numerusform>Proyecto %1 (%2): %n plano guardado sin conexión.</numerusform>
            <numerusform>Proyecto %1 (%2): %n planos guardados sin conexión.</numerusform>
        </translation>
    </message>
    <message>
        <source>  downloaded: %1 (%2)</source>
        <translation>  descargados: %1 (%2)</translation>
    </message>
    <message>
        <source>  skipped as unchanged: %1</source>
        <translation>  omitidos por no haber cambiado: %1</translation>
    </message>
    <message>
        <source>  failed: %1</source>
        <translation>  fallidos: %1</translation>
    </message>
    <message>
        <source>  removed to stay within %1: %2 older sheet(s)</source>
        <translation>  eliminados para no pasar de %1: %2 planos más antiguos</translation>
    </message>
    <message>
        <source>  time: %1 s</source>
        <translation>  tiempo: %1 s</translation>
    </message>
    <message>
        <source>Project %1 is kept offline in more than one company; add --company.</source>
        <translation>El proyecto %1 está guardado sin conexión en más de una empresa; añade --company.</translation>
    </message>
    <message>
        <source>No drawings of project %1 are kept on this computer. Run &quot;%2 --sync-drawings --project %1&quot; while online.</source>
        <translation>No hay planos del proyecto %1 guardados en este equipo. Ejecuta &quot;%2 --sync-drawings --project %1&quot; con conexión.</translation>
    </message>
    <message>
        <source>rev %1</source>
        <translation>rev. %1</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>falta</translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s), %1, synced %2</source>
        <translation>
            <numerusform>%n plano, %1, sincronizado el %2</numerusform>
            <numerusform>%n planos, %1, sincronizados el %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientConfig</name>
    <message>
        <source>The redirect URI &quot;%1&quot; cannot be used. Give the exact redirect URI registered for the app in Procore&apos;s Developer Portal, e.g. http://127.0.0.1:8765/callback or urn:ietf:wg:oauth:2.0:oob.</source>
        <translation>La URI de redirección &quot;%1&quot; no se puede usar. Indica exactamente la URI de redirección registrada para la aplicación en el Developer Portal de Procore, p. ej. http://127.0.0.1:8765/callback o urn:ietf:wg:oauth:2.0:oob.</translation>
    </message>
    <message>
        <source>No OAuth client ID is configured. Set PROCORE_CLIENT_ID or oauth/clientId in the settings to the ID of the app registered in Procore&apos;s Developer Portal.</source>
        <translation>No hay ningún ID de cliente OAuth configurado. Pon en PROCORE_CLIENT_ID o en oauth/clientId de la configuración el ID de la aplicación registrada en el Developer Portal de Procore.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>%1 shows your Procore companies and projects.</source>
        <translation>%1 muestra tus empresas y proyectos de Procore.</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>Muestra esta ayuda y termina.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Muestra la versión y termina.</translation>
    </message>
    <message>
        <source>Procore environment (default: production): production (login.procore.com), sandbox (the developer sandbox, with its own sandbox app credentials), monthly (the monthly sandbox, with production credentials) or federal (the Federal Zone, login.procoregov.com and api.procoregov.com, with its own app registration). An on-demand sandbox is on the production hosts with production credentials.</source>
        <translation>Entorno de Procore (por defecto: production): production (login.procore.com), sandbox (el sandbox de desarrollo, con sus propias credenciales de aplicación de sandbox), monthly (el sandbox mensual, con credenciales de producción) o federal (la Federal Zone, login.procoregov.com y api.procoregov.com, con su propio registro de aplicación). Un sandbox bajo demanda está en los servidores de producción y usa credenciales de producción.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Custom OAuth login base URL (with --api-url).</source>
        <translation>URL base de inicio de sesión OAuth personalizada (con --api-url).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Custom REST API base URL (with --login-url).</source>
        <translation>URL base de la API REST personalizada (con --login-url).</translation>
    </message>
    <message>
        <source>Open the project with this ID.</source>
        <translation>Abre el proyecto con este ID.</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>The company of --project or of a link, or of --list-projects.</source>
        <translation>La empresa de --project o de un enlace, o de --list-projects.</translation>
    </message>
    <message>
        <source>Print your projects without opening a window (uses the stored sign-in).</source>
        <translation>Muestra tus proyectos sin abrir ninguna ventana (usa la sesión guardada).</translation>
    </message>
    <message>
        <source>Sign in from the terminal through your web browser (or by pasting a code when the redirect URI is urn:ietf:wg:oauth:2.0:oob), then exit.</source>
        <translation>Inicia sesión desde la terminal con tu navegador web (o pegando un código cuando la URI de redirección es urn:ietf:wg:oauth:2.0:oob) y termina.</translation>
    </message>
    <message>
        <source>Sign out: revoke the app&apos;s access and forget the stored sign-in, then exit.</source>
        <translation>Cierra la sesión: revoca el acceso de la aplicación, olvida la sesión guardada y termina.</translation>
    </message>
    <message>
        <source>Language of the window and of the messages: %1 (default: the one chosen in the window, else the system&apos;s).</source>
        <translation>Idioma de la ventana y de los mensajes: %1 (por defecto: el elegido en la ventana o, si no, el del sistema).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>código</translation>
    </message>
    <message>
        <source>A procore-desktop://project/&lt;id&gt; link to open.</source>
        <translation>Un enlace procore-desktop://project/&lt;id&gt; que abrir.</translation>
    </message>
    <message>
        <source>Refused: a procore-desktop:// link can come only with --company, not with %1. Nothing was changed. If you clicked a link, it may have been made to look like more than a link.</source>
        <translation>Rechazado: un enlace procore-desktop:// solo puede ir con --company, no con %1. No se cambió nada. Si hiciste clic en un enlace, puede que lo hayan hecho pasar por algo más que un enlace.</translation>
    </message>
    <message>
        <source>--language takes one of: %1.</source>
        <translation>--language admite uno de estos: %1.</translation>
    </message>
    <message>
        <source>Give at most one link.</source>
        <translation>Indica como mucho un enlace.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Procore company ID.</source>
        <translation>&quot;%1&quot; no es un ID de empresa de Procore.</translation>
    </message>
    <message>
        <source>--list-projects does not open a project.</source>
        <translation>--list-projects no abre ningún proyecto.</translation>
    </message>
    <message>
        <source>Give either --project or a link, not both.</source>
        <translation>Indica --project o un enlace, no ambos.</translation>
    </message>
    <message>
        <source>--company %1 does not go with this link.</source>
        <translation>--company %1 no corresponde a este enlace.</translation>
    </message>
    <message>
        <source>--company goes with --project or --list-projects.</source>
        <translation>--company va con --project o con --list-projects.</translation>
    </message>
    <message>
        <source>With --list-projects or --list-drawings: print JSON instead of a table.</source>
        <translation>Con --list-projects o --list-drawings: muestra JSON en lugar de una tabla.</translation>
    </message>
    <message>
        <source>Download the current drawing set of --project for offline use, print a summary and exit (uses the stored sign-in).</source>
        <translation>Descarga el juego de planos vigente de --project para usarlo sin conexión, muestra un resumen y termina (usa la sesión guardada).</translation>
    </message>
    <message>
        <source>Print the drawings of --project kept on this computer and exit; works offline.</source>
        <translation>Muestra los planos de --project guardados en este equipo y termina; funciona sin conexión.</translation>
    </message>
    <message>
        <source>Choose one of --list-projects, --sync-drawings, --list-drawings, --sign-in, --sign-out, --version and --help.</source>
        <translation>Elige una de estas opciones: --list-projects, --sync-drawings, --list-drawings, --sign-in, --sign-out, --version o --help.</translation>
    </message>
    <message>
        <source>--json only works with --list-projects and --list-drawings.</source>
        <translation>--json solo funciona con --list-projects y --list-drawings.</translation>
    </message>
    <message>
        <source>--sync-drawings and --list-drawings need --project &lt;id&gt;.</source>
        <translation>--sync-drawings y --list-drawings necesitan --project &lt;id&gt;.</translation>
    </message>
</context>
<context>
    <name>ConfigResolver</name>
    <message>
        <source>Use either --environment or --login-url with --api-url, not both.</source>
        <translation>Usa --environment o --login-url con --api-url, no ambos.</translation>
    </message>
    <message>
        <source>--login-url and --api-url must be given together: Procore signs in on one host and serves data from another.</source>
        <translation>--login-url y --api-url deben indicarse juntos: Procore inicia sesión en un servidor y sirve los datos desde otro.</translation>
    </message>
    <message>
        <source>The settings name only one of environment/loginUrl and environment/apiUrl; set both or neither.</source>
        <translation>La configuración indica solo uno de environment/loginUrl y environment/apiUrl; indica los dos o ninguno.</translation>
    </message>
</context>
<context>
    <name>DeepLink</name>
    <message>
        <source>This link cannot be opened. Project links look like procore-desktop://project/12345 or procore-desktop://project/12345?company=678.</source>
        <translation>Este enlace no se puede abrir. Los enlaces de proyecto tienen la forma procore-desktop://project/12345 o procore-desktop://project/12345?company=678.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Procore project ID. Project IDs are whole numbers such as 12345.</source>
        <translation>&quot;%1&quot; no es un ID de proyecto de Procore. Los ID de proyecto son números enteros, como 12345.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Procore company ID. Company IDs are whole numbers such as 678.</source>
        <translation>&quot;%1&quot; no es un ID de empresa de Procore. Los ID de empresa son números enteros, como 678.</translation>
    </message>
</context>
<context>
    <name>DrawingSheetModel</name>
    <message>
        <source>On this computer</source>
        <translation>En este equipo</translation>
    </message>
    <message>
        <source>Older revision (%1)</source>
        <translation>Revisión anterior (%1)</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Plano</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Discipline</source>
        <translation>Disciplina</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
</context>
<context>
    <name>DrawingSync</name>
    <message>
        <source>A drawing was removed from the set during the sync.</source>
        <translation>Se quitó un plano del juego durante la sincronización.</translation>
    </message>
</context>
<context>
    <name>DrawingViewer</name>
    <message>
        <source>Drawing viewer</source>
        <translation>Visor de planos</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Plano</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Previous sheet (Page Up)</source>
        <translation>Plano anterior (Re Pág)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Next sheet (Page Down)</source>
        <translation>Plano siguiente (Av Pág)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Alejar (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Acercar (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Ajustar al ancho</translation>
    </message>
    <message>
        <source>Fit the sheet&apos;s width (Ctrl+2)</source>
        <translation>Ajustar al ancho del plano (Ctrl+2)</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>Ajustar a la página</translation>
    </message>
    <message>
        <source>Show the whole sheet (Ctrl+0)</source>
        <translation>Mostrar el plano entero (Ctrl+0)</translation>
    </message>
    <message>
        <source>This sheet cannot be shown: its file on this computer is damaged. Sync the drawings again.</source>
        <translation>Este plano no se puede mostrar: su archivo en este equipo está dañado. Vuelve a sincronizar los planos.</translation>
    </message>
</context>
<context>
    <name>DrawingsPanel</name>
    <message>
        <source>&amp;Keep offline</source>
        <translation>&amp;Guardar sin conexión</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Download this project&apos;s current drawing set so it opens without a connection</source>
        <translation>Descarga el juego de planos vigente de este proyecto para abrirlo sin conexión</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Progreso de la descarga</translation>
    </message>
    <message>
        <source>Stop downloading; what is complete stays</source>
        <translation>Detiene la descarga; lo que esté completo se conserva</translation>
    </message>
    <message>
        <source>Drawing area</source>
        <translation>Área de planos</translation>
    </message>
    <message>
        <source>Search sheet number or title</source>
        <translation>Buscar por número o título del plano</translation>
    </message>
    <message>
        <source>Search sheets</source>
        <translation>Buscar planos</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>Planos</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>Todas las áreas</translation>
    </message>
    <message>
        <source>Area %1</source>
        <translation>Área %1</translation>
    </message>
</context>
<context>
    <name>DrawingsWindow</name>
    <message>
        <source>Drawings — %1</source>
        <translation>Planos — %1</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n sheet(s), about %1…</source>
        <translation>
            <numerusform>Descargando %n plano, unos %1…</numerusform>
            <numerusform>Descargando %n planos, unos %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a sheet.</source>
        <translation>Elige un plano.</translation>
    </message>
    <message>
        <source>Loading the drawing list…</source>
        <translation>Cargando la lista de planos…</translation>
    </message>
    <message numerus="yes">
        <source>Offline — showing the %n sheet(s) kept on this computer. %1</source>
        <translation>
            <numerusform>Sin conexión — se muestra %n plano guardado en este equipo. %1</numerusform>
            <numerusform>Sin conexión — se muestran los %n planos guardados en este equipo. %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The drawing list cannot be loaded. %1</source>
        <translation>No se puede cargar la lista de planos. %1</translation>
    </message>
    <message>
        <source>This project has no drawings in Procore.</source>
        <translation>Este proyecto no tiene planos en Procore.</translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s). Keeping them offline takes about %1.</source>
        <translation>
            <numerusform>%n plano. Guardarlo sin conexión ocupa unos %1.</numerusform>
            <numerusform>%n planos. Guardarlos sin conexión ocupa unos %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept offline: %n sheet(s), synced %1.</source>
        <translation>
            <numerusform>Guardado sin conexión: %n plano, sincronizado el %1.</numerusform>
            <numerusform>Guardados sin conexión: %n planos, sincronizados el %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s) changed in Procore since.</source>
        <translation>
            <numerusform>Desde entonces ha cambiado %n plano en Procore.</numerusform>
            <numerusform>Desde entonces han cambiado %n planos en Procore.</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing the drawings…</source>
        <translation>Obteniendo la lista de planos…</translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s) could not be downloaded. %1</source>
        <translation>
            <numerusform>No se pudo descargar %n plano. %1</numerusform>
            <numerusform>No se pudieron descargar %n planos. %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not on this computer. Turn on &quot;Keep offline&quot; to download the project&apos;s drawings.</source>
        <translation>%1 no está en este equipo. Activa &quot;Guardar sin conexión&quot; para descargar los planos del proyecto.</translation>
    </message>
    <message>
        <source>Procore has a newer revision of this sheet (%1); this copy is revision %2. Keep offline again to update it.</source>
        <translation>Procore tiene una revisión más reciente de este plano (%1); esta copia es la revisión %2. Vuelve a guardar sin conexión para actualizarla.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped with %n sheet(s) on this computer; keep offline again to download the rest.</source>
        <translation>
            <numerusform>Detenido con %n plano en este equipo; vuelve a guardar sin conexión para descargar el resto.</numerusform>
            <numerusform>Detenido con %n planos en este equipo; vuelve a guardar sin conexión para descargar el resto.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Environment</name>
    <message>
        <source>Unknown Procore environment &quot;%1&quot;. Use production, sandbox, monthly or federal, or give both a login URL and an API URL.</source>
        <translation>Entorno de Procore desconocido: &quot;%1&quot;. Usa production, sandbox, monthly o federal, o indica una URL de inicio de sesión y una URL de API.</translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; is not an absolute web address such as https://login.example.com.</source>
        <translation>La %1 &quot;%2&quot; no es una dirección web absoluta como https://login.example.com.</translation>
    </message>
    <message>
        <source>The %1 must start with https:// (it is &quot;%2&quot;).</source>
        <translation>La %1 debe empezar por https:// (es &quot;%2&quot;).</translation>
    </message>
    <message>
        <source>The %1 must not contain a user name or password.</source>
        <translation>La %1 no debe contener un nombre de usuario ni una contraseña.</translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; must not contain &quot;?&quot; or &quot;#&quot;.</source>
        <translation>La %1 &quot;%2&quot; no debe contener &quot;?&quot; ni &quot;#&quot;.</translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; uses plain http://, which would send your sign-in unencrypted. Use https://; plain http:// is allowed only for this computer (localhost or 127.0.0.1).</source>
        <translation>La %1 &quot;%2&quot; usa http:// sin cifrar, lo que enviaría tu inicio de sesión sin cifrado. Usa https://; http:// sin cifrar solo se admite para este equipo (localhost o 127.0.0.1).</translation>
    </message>
    <message>
        <source>login URL</source>
        <translation>URL de inicio de sesión</translation>
    </message>
    <message>
        <source>API URL</source>
        <translation>URL de la API</translation>
    </message>
    <message>
        <source>Procore</source>
        <translation>Procore</translation>
    </message>
    <message>
        <source>Procore developer sandbox</source>
        <translation>Sandbox de desarrollo de Procore</translation>
    </message>
    <message>
        <source>Procore monthly sandbox</source>
        <translation>Sandbox mensual de Procore</translation>
    </message>
    <message>
        <source>Procore Federal Zone</source>
        <translation>Federal Zone de Procore</translation>
    </message>
    <message>
        <source>Custom server (%1)</source>
        <translation>Servidor personalizado (%1)</translation>
    </message>
    <message>
        <source>No environment</source>
        <translation>Sin entorno</translation>
    </message>
</context>
<context>
    <name>FavouriteStarDelegate</name>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
</context>
<context>
    <name>FileDownload</name>
    <message>
        <source>The drawings folder cannot be created.</source>
        <translation>No se puede crear la carpeta de planos.</translation>
    </message>
    <message>
        <source>A drawing cannot be saved on this computer.</source>
        <translation>No se puede guardar un plano en este equipo.</translation>
    </message>
    <message>
        <source>A drawing did not match its size.</source>
        <translation>Un plano no tenía el tamaño esperado.</translation>
    </message>
    <message>
        <source>The drawing&apos;s download link expired.</source>
        <translation>El enlace de descarga del plano caducó.</translation>
    </message>
    <message>
        <source>The connection dropped while downloading a drawing.</source>
        <translation>La conexión se cortó mientras se descargaba un plano.</translation>
    </message>
    <message>
        <source>Procore&apos;s file storage cannot be reached.</source>
        <translation>No se puede acceder al almacenamiento de archivos de Procore.</translation>
    </message>
    <message>
        <source>A download has to start over.</source>
        <translation>Una descarga tiene que volver a empezar.</translation>
    </message>
    <message>
        <source>The drawing is no longer in Procore.</source>
        <translation>El plano ya no está en Procore.</translation>
    </message>
    <message>
        <source>Procore&apos;s file storage refused a drawing (HTTP %1).</source>
        <translation>El almacenamiento de archivos de Procore rechazó un plano (HTTP %1).</translation>
    </message>
    <message>
        <source>A drawing arrived damaged.</source>
        <translation>Un plano llegó dañado.</translation>
    </message>
</context>
<context>
    <name>KeychainTokenStore</name>
    <message>
        <source>No system keychain is available, so your sign-in cannot be saved. On Linux, install and start a Secret Service such as GNOME Keyring or KWallet.</source>
        <translation>No hay ningún llavero del sistema disponible, así que no se puede guardar tu sesión. En Linux, instala e inicia un Secret Service como GNOME Keyring o KWallet.</translation>
    </message>
    <message>
        <source>The system keychain is locked or refused access, so your sign-in cannot be saved. Unlock the keychain (or allow Procore Desktop to use it) and sign in again.</source>
        <translation>El llavero del sistema está bloqueado o denegó el acceso, así que no se puede guardar tu sesión. Desbloquea el llavero (o permite que Procore Desktop lo use) y vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>Your saved sign-in could not be deleted from the system keychain. Remove the &quot;procore-desktop&quot; entries with your keychain tool.</source>
        <translation>No se pudo eliminar tu sesión guardada del llavero del sistema. Borra las entradas &quot;procore-desktop&quot; con la herramienta de tu llavero.</translation>
    </message>
    <message>
        <source>The system keychain is locked, so your sign-in cannot be saved. Unlock it (on Linux: your login keyring) and sign in again.</source>
        <translation>El llavero del sistema está bloqueado, así que no se puede guardar tu sesión. Desbloquéalo (en Linux: tu llavero de inicio de sesión) y vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>The system keychain reported an error (%1), so your sign-in cannot be saved.</source>
        <translation>El llavero del sistema informó de un error (%1), así que no se puede guardar tu sesión.</translation>
    </message>
</context>
<context>
    <name>LoginAddressBar</name>
    <message>
        <source>Page address</source>
        <translation>Dirección de la página</translation>
    </message>
    <message>
        <source>Secure connection to %1</source>
        <translation>Conexión segura con %1</translation>
    </message>
    <message>
        <source>Local test server %1 (not encrypted)</source>
        <translation>Servidor de pruebas local %1 (sin cifrar)</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Entorno: %1</translation>
    </message>
</context>
<context>
    <name>LoginErrorPanel</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problema al iniciar sesión</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Cancelar el inicio de sesión</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Retry loading the sign-in page</source>
        <translation>Volver a cargar la página de inicio de sesión</translation>
    </message>
    <message>
        <source>Sign in with my &amp;browser</source>
        <translation>Iniciar sesión con mi &amp;navegador</translation>
    </message>
    <message>
        <source>Sign in with your web browser</source>
        <translation>Inicia sesión con tu navegador web</translation>
    </message>
</context>
<context>
    <name>LoginFailure</name>
    <message>
        <source>No internet connection</source>
        <translation>Sin conexión a internet</translation>
    </message>
    <message>
        <source>Procore&apos;s sign-in page could not be reached. Check that this computer is online (Wi-Fi, cable or mobile hotspot), then try again.</source>
        <translation>No se pudo llegar a la página de inicio de sesión de Procore. Comprueba que este equipo tiene conexión (wifi, cable o punto de acceso móvil) y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Procore is not answering</source>
        <translation>Procore no responde</translation>
    </message>
    <message>
        <source>The sign-in server at %1 did not respond. It may be busy or down for maintenance. Wait a minute, then try again.</source>
        <translation>El servidor de inicio de sesión de %1 no respondió. Puede estar ocupado o en mantenimiento. Espera un minuto y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The connection is not secure</source>
        <translation>La conexión no es segura</translation>
    </message>
    <message>
        <source>The security certificate of %1 is not valid, so nothing was sent. On a hotel or site Wi-Fi that asks you to log in, open a web browser first; otherwise contact your IT department.</source>
        <translation>El certificado de seguridad de %1 no es válido, así que no se envió nada. En una wifi de hotel o de obra que pide identificarse, abre antes un navegador web; si no, contacta con tu departamento de TI.</translation>
    </message>
    <message>
        <source>The sign-in page could not be loaded</source>
        <translation>No se pudo cargar la página de inicio de sesión</translation>
    </message>
    <message>
        <source>Something went wrong while loading the page from %1. Try again, or sign in with your browser instead.</source>
        <translation>Algo falló al cargar la página desde %1. Vuelve a intentarlo o inicia sesión con tu navegador.</translation>
    </message>
    <message>
        <source>The sign-in page stopped unexpectedly</source>
        <translation>La página de inicio de sesión se detuvo de forma inesperada</translation>
    </message>
    <message>
        <source>The page closed before you finished signing in. Try again.</source>
        <translation>La página se cerró antes de que terminaras de iniciar sesión. Vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Your company signs in on its own website</source>
        <translation>Tu empresa inicia sesión en su propio sitio web</translation>
    </message>
    <message>
        <source>Signing in continues on %1, which cannot open inside this window. Sign in with your web browser instead, then come back to Procore Desktop.</source>
        <translation>El inicio de sesión continúa en %1, que no se puede abrir dentro de esta ventana. Inicia sesión con tu navegador web y después vuelve a Procore Desktop.</translation>
    </message>
</context>
<context>
    <name>LoginLauncher</name>
    <message>
        <source>The sign-in window could not be shown. Try again; if it keeps failing, reinstall Procore Desktop or sign in with your browser.</source>
        <translation>No se pudo mostrar la ventana de inicio de sesión. Vuelve a intentarlo; si sigue fallando, reinstala Procore Desktop o inicia sesión con tu navegador.</translation>
    </message>
    <message>
        <source>A sign-in window is already open.</source>
        <translation>Ya hay una ventana de inicio de sesión abierta.</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <source>Opened %1 in your web browser.</source>
        <translation>Se abrió %1 en tu navegador web.</translation>
    </message>
    <message>
        <source>The page says: %1</source>
        <translation>La página dice: %1</translation>
    </message>
    <message>
        <source>Sign in to Procore</source>
        <translation>Iniciar sesión en Procore</translation>
    </message>
    <message>
        <source>Page loading progress</source>
        <translation>Progreso de carga de la página</translation>
    </message>
    <message>
        <source>Procore sign-in page</source>
        <translation>Página de inicio de sesión de Procore</translation>
    </message>
    <message>
        <source>Signing you in to Procore Desktop…</source>
        <translation>Iniciando tu sesión en Procore Desktop…</translation>
    </message>
    <message>
        <source>Sign in with your &amp;browser instead</source>
        <translation>Iniciar sesión con tu &amp;navegador</translation>
    </message>
    <message>
        <source>Sign in with your web browser instead</source>
        <translation>Inicia sesión con tu navegador web</translation>
    </message>
    <message>
        <source>For company single sign-on that does not work inside this window</source>
        <translation>Para el inicio de sesión único de tu empresa que no funciona dentro de esta ventana</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Cancelar el inicio de sesión</translation>
    </message>
    <message>
        <source>Sign in to Procore (%1)</source>
        <translation>Iniciar sesión en Procore (%1)</translation>
    </message>
</context>
<context>
    <name>LoopbackListener</name>
    <message>
        <source>The app could not receive the sign-in answer on port %1 (%2). Close the program using that port, or sign in inside the app instead.</source>
        <translation>La aplicación no pudo recibir la respuesta de inicio de sesión en el puerto %1 (%2). Cierra el programa que usa ese puerto o inicia sesión dentro de la aplicación.</translation>
    </message>
    <message>
        <source>You are signed in. You can close this tab and return to %1.</source>
        <translation>Has iniciado sesión. Puedes cerrar esta pestaña y volver a %1.</translation>
    </message>
    <message>
        <source>Sign-in was not completed. You can close this tab and return to %1.</source>
        <translation>El inicio de sesión no se completó. Puedes cerrar esta pestaña y volver a %1.</translation>
    </message>
    <message>
        <source>Request too large.</source>
        <translation>Solicitud demasiado grande.</translation>
    </message>
    <message>
        <source>Bad request.</source>
        <translation>Solicitud incorrecta.</translation>
    </message>
    <message>
        <source>Method not allowed.</source>
        <translation>Método no permitido.</translation>
    </message>
    <message>
        <source>This is not the answer to the sign-in in progress.</source>
        <translation>Esta no es la respuesta al inicio de sesión en curso.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Search projects</source>
        <translation>Buscar proyectos</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Waiting for the Procore sign-in window…</source>
        <translation>Esperando a la ventana de inicio de sesión de Procore…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Waiting for Procore&apos;s request limit until %1…</source>
        <translation>Esperando al límite de solicitudes de Procore hasta las %1…</translation>
    </message>
    <message>
        <source>Offline — last synced %1</source>
        <translation>Sin conexión — última sincronización: %1</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Última sincronización: %1</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Offline — showing the projects as of %1. %2</source>
        <translation>Sin conexión — se muestran los proyectos tal como estaban el %1. %2</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Sign out of Procore on this computer? You will need your Procore password to sign in again.</source>
        <translation>¿Cerrar la sesión de Procore en este equipo? Necesitarás tu contraseña de Procore para volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Also forget my favourite and recent projects</source>
        <translation>Olvidar también mis proyectos favoritos y recientes</translation>
    </message>
    <message>
        <source>Could not open your web browser for this page.</source>
        <translation>No se pudo abrir tu navegador web para esta página.</translation>
    </message>
    <message>
        <source>Could not open your web browser for this project.</source>
        <translation>No se pudo abrir tu navegador web para este proyecto.</translation>
    </message>
</context>
<context>
    <name>NetworkErrors</name>
    <message>
        <source>The proxy server that this computer&apos;s network settings name cannot be reached. Check the proxy settings, or ask your IT department.</source>
        <translation>No se puede conectar con el servidor proxy que indica la configuración de red de este equipo. Revisa la configuración del proxy o consulta a tu departamento de TI.</translation>
    </message>
    <message>
        <source>A secure connection to Procore could not be set up. Check the computer&apos;s date and time, or ask your IT department whether a proxy is in the way.</source>
        <translation>No se pudo establecer una conexión segura con Procore. Revisa la fecha y la hora del equipo o pregunta a tu departamento de TI si hay un proxy de por medio.</translation>
    </message>
    <message>
        <source>Procore&apos;s sign-in service cannot be reached. Check your internet connection and try again.</source>
        <translation>No se puede conectar con el servicio de inicio de sesión de Procore. Revisa tu conexión a internet y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Procore cannot be reached. Check your internet connection and try again.</source>
        <translation>No se puede conectar con Procore. Revisa tu conexión a internet y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Procore&apos;s sign-in service did not answer in time. Check your connection and try again.</source>
        <translation>El servicio de inicio de sesión de Procore no respondió a tiempo. Revisa tu conexión y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Procore did not answer in time. Check your connection and try again.</source>
        <translation>Procore no respondió a tiempo. Revisa tu conexión y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Your network&apos;s proxy server asks for a user name and password before Procore can be reached. In the window, click Retry and enter them; in a terminal, put them in the proxy setting (https_proxy=http://USER:PASSWORD@HOST:PORT). Your IT department can tell you which to use.</source>
        <translation>El servidor proxy de tu red pide un usuario y una contraseña antes de poder llegar a Procore. En la ventana, haz clic en Reintentar e introdúcelos; en una terminal, ponlos en la configuración del proxy (https_proxy=http://USUARIO:CONTRASEÑA@HOST:PUERTO). Tu departamento de TI puede decirte cuáles usar.</translation>
    </message>
</context>
<context>
    <name>ProcoreAuth</name>
    <message>
        <source>Signing out is still in progress. Try again in a moment.</source>
        <translation>El cierre de sesión aún está en curso. Vuelve a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>Signing in with the system browser needs a redirect URI on this computer, such as http://127.0.0.1:8765/callback. Sign in inside the app instead, or change the redirect URI.</source>
        <translation>Para iniciar sesión con el navegador del sistema hace falta una URI de redirección en este equipo, como http://127.0.0.1:8765/callback. Inicia sesión dentro de la aplicación o cambia la URI de redirección.</translation>
    </message>
    <message>
        <source>Pasting a code needs the redirect URI %1.</source>
        <translation>Para pegar un código hace falta la URI de redirección %1.</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Inicio de sesión cancelado.</translation>
    </message>
    <message>
        <source>You are not signed in to Procore. Please sign in.</source>
        <translation>No has iniciado sesión en Procore. Inicia sesión.</translation>
    </message>
    <message>
        <source>You signed out.</source>
        <translation>Cerraste la sesión.</translation>
    </message>
    <message>
        <source>Until this is fixed, you stay signed in only while the app is running.</source>
        <translation>Hasta que se solucione, tu sesión solo se mantiene mientras la aplicación esté abierta.</translation>
    </message>
</context>
<context>
    <name>Project</name>
    <message>
        <source>Project %1</source>
        <translation>Proyecto %1</translation>
    </message>
</context>
<context>
    <name>ProjectDetails</name>
    <message>
        <source>Select a project to see its details.</source>
        <translation>Selecciona un proyecto para ver sus detalles.</translation>
    </message>
    <message>
        <source>Open in Procore</source>
        <translation>Abrir en Procore</translation>
    </message>
    <message>
        <source>Project details</source>
        <translation>Detalles del proyecto</translation>
    </message>
    <message>
        <source>Open this project&apos;s home page in your web browser (Enter)</source>
        <translation>Abre la página principal de este proyecto en tu navegador web (Intro)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Herramientas</translation>
    </message>
    <message>
        <source>Open one of this project&apos;s tools in Procore, copy its link or address, or show it on a map</source>
        <translation>Abre una de las herramientas de este proyecto en Procore, copia su enlace o su dirección, o muéstralo en un mapa</translation>
    </message>
    <message>
        <source>Project tools</source>
        <translation>Herramientas del proyecto</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Calls %1 with the system&apos;s dialler</source>
        <translation>Llama al %1 con el marcador del sistema</translation>
    </message>
    <message>
        <source>%1 (%2 there now)</source>
        <extracomment>%1 is an IANA time zone such as America/Chicago, %2 the time of day there.</extracomment>
        <translation>%1 (allí son las %2)</translation>
    </message>
    <message>
        <source>Project number</source>
        <translation>Número de proyecto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Fecha de inicio</translation>
    </message>
    <message>
        <source>Completion date</source>
        <translation>Fecha de finalización</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Project ID</source>
        <translation>ID del proyecto</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Última actualización</translation>
    </message>
    <message>
        <source>Drawings</source>
        <translation>Planos</translation>
    </message>
    <message>
        <source>This project&apos;s drawing sheets, kept offline on request (Ctrl+Shift+D)</source>
        <translation>Los planos de este proyecto, guardados sin conexión si lo pides (Ctrl+Mayús+D)</translation>
    </message>
</context>
<context>
    <name>ProjectListModel</name>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>City and state</source>
        <translation>Ciudad y estado</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
    <message>
        <source>Not a favourite</source>
        <translation>No es favorito</translation>
    </message>
    <message>
        <source>Drawings kept offline</source>
        <translation>Planos guardados sin conexión</translation>
    </message>
</context>
<context>
    <name>ProjectTable</name>
    <message>
        <source>Projects</source>
        <translation>Proyectos</translation>
    </message>
</context>
<context>
    <name>ProjectTools</name>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Drawings</source>
        <translation>Planos</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <source>RFIs</source>
        <translation>RFI</translation>
    </message>
    <message>
        <source>Submittals</source>
        <translation>Submittals</translation>
    </message>
    <message>
        <source>Daily Log</source>
        <translation>Diario de obra</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>Punch List</source>
        <translation>Lista de pendientes</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Directorio</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copiar enlace</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Copiar dirección</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Mostrar en el mapa</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <source>Signed-in user</source>
        <translation>Usuario con sesión iniciada</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Company whose projects are shown</source>
        <translation>Empresa cuyos proyectos se muestran</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Fetch the latest projects from Procore (F5)</source>
        <translation>Obtener los proyectos más recientes de Procore (F5)</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Sign out and forget this computer&apos;s Procore sign-in</source>
        <translation>Cerrar sesión y olvidar el inicio de sesión de Procore de este equipo</translation>
    </message>
    <message>
        <source>Search by name, number or city</source>
        <translation>Buscar por nombre, número o ciudad</translation>
    </message>
    <message>
        <source>Search projects</source>
        <translation>Buscar proyectos</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>Todos los proyectos</translation>
    </message>
    <message>
        <source>Active only</source>
        <translation>Solo activos</translation>
    </message>
    <message>
        <source>Inactive only</source>
        <translation>Solo inactivos</translation>
    </message>
    <message>
        <source>Project status filter</source>
        <translation>Filtro de estado del proyecto</translation>
    </message>
    <message>
        <source>Number of projects shown</source>
        <translation>Número de proyectos mostrados</translation>
    </message>
    <message>
        <source>Loading projects</source>
        <translation>Cargando proyectos</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Empresa:</translation>
    </message>
    <message>
        <source>The search was cleared to show %1.</source>
        <translation>Se borró la búsqueda para mostrar %1.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln project(s)</source>
        <translation>
            <numerusform>%Ln proyecto</numerusform>
            <numerusform>%Ln proyectos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln project(s)</source>
        <extracomment>%1 is how many of the projects the search and status filter show.</extracomment>
        <translation>
            <numerusform>%1 de %Ln proyecto</numerusform>
            <numerusform>%1 de %Ln proyectos</numerusform>
        </translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>Añadir a favoritos</translation>
    </message>
    <message>
        <source>Favourite %1</source>
        <translation>Favorito %1</translation>
    </message>
    <message>
        <source>Project tools</source>
        <translation>Herramientas del proyecto</translation>
    </message>
    <message>
        <source>Show all projects, or only active or inactive ones</source>
        <translation>Muestra todos los proyectos, o solo los activos o los inactivos</translation>
    </message>
</context>
<context>
    <name>ProxyAuthDialog</name>
    <message>
        <source>Proxy server sign-in</source>
        <translation>Inicio de sesión en el servidor proxy</translation>
    </message>
    <message>
        <source>Your network&apos;s proxy server %1 asks for a user name and password before Procore Desktop can reach Procore.</source>
        <translation>El servidor proxy de tu red, %1, pide un usuario y una contraseña antes de que Procore Desktop pueda llegar a Procore.</translation>
    </message>
    <message>
        <source>The proxy says: %1</source>
        <translation>El proxy dice: %1</translation>
    </message>
    <message>
        <source>The proxy server did not accept that user name and password. Try again.</source>
        <translation>El servidor proxy no aceptó ese usuario y esa contraseña. Vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Proxy user name</source>
        <translation>Usuario del proxy</translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation>Contraseña del proxy</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>Procore Desktop keeps them in memory until it quits; it never saves them.</source>
        <translation>Procore Desktop los guarda en memoria hasta que se cierra; nunca los guarda en disco.</translation>
    </message>
    <message>
        <source>Sign in to proxy</source>
        <translation>Iniciar sesión en el proxy</translation>
    </message>
</context>
<context>
    <name>RefreshJob</name>
    <message>
        <source>Another Procore Desktop window or command is renewing your sign-in and has not finished. Try again in a moment.</source>
        <translation>Otra ventana u orden de Procore Desktop está renovando tu sesión y aún no ha terminado. Vuelve a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>Another Procore Desktop window or command was closed while it renewed your sign-in, and Procore accepts each renewal only once. Please sign in again.</source>
        <translation>Otra ventana u orden de Procore Desktop se cerró mientras renovaba tu sesión, y Procore acepta cada renovación una sola vez. Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>Your Procore sign-in has expired. Please sign in again.</source>
        <translation>Tu sesión de Procore ha caducado. Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>The connection to Procore broke while your sign-in was being renewed, and Procore accepts each renewal only once. Please sign in again.</source>
        <translation>La conexión con Procore se cortó mientras se renovaba tu sesión, y Procore acepta cada renovación una sola vez. Vuelve a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>RestoreJob</name>
    <message>
        <source>Another Procore Desktop window or command is renewing your sign-in and has not finished. Try again in a moment.</source>
        <translation>Otra ventana u orden de Procore Desktop está renovando tu sesión y aún no ha terminado. Vuelve a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>Your saved Procore sign-in was not found. Please sign in again.</source>
        <translation>No se encontró tu sesión de Procore guardada. Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>The app was closed while your Procore sign-in was being renewed, and Procore accepts each renewal only once. Please sign in again.</source>
        <translation>La aplicación se cerró mientras se renovaba tu sesión de Procore, y Procore acepta cada renovación una sola vez. Vuelve a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>You are signed out, but some files of your account could not be deleted yet: %1. Procore Desktop tries again when it next starts.</source>
        <translation>Has cerrado la sesión, pero todavía no se pudieron eliminar algunos archivos de tu cuenta: %1. Procore Desktop lo volverá a intentar la próxima vez que se inicie.</translation>
    </message>
    <message>
        <source>Procore asked you to sign in again.</source>
        <translation>Procore te pidió que vuelvas a iniciar sesión.</translation>
    </message>
    <message>
        <source>The link names company %1, which is not among your Procore companies. Ask your Procore administrator for access.</source>
        <translation>El enlace indica la empresa %1, que no está entre tus empresas de Procore. Pide acceso a tu administrador de Procore.</translation>
    </message>
    <message>
        <source>Project %1 is not among your projects in %2: you may not have access to it. Ask your Procore administrator to add you to the project, or check the link.</source>
        <translation>El proyecto %1 no está entre tus proyectos de %2: puede que no tengas acceso. Pide a tu administrador de Procore que te añada al proyecto o revisa el enlace.</translation>
    </message>
    <message>
        <source>Your Procore account has no companies this app can see.</source>
        <translation>Tu cuenta de Procore no tiene empresas que esta aplicación pueda ver.</translation>
    </message>
</context>
<context>
    <name>ShortlistPane</name>
    <message>
        <source>Favourites and recent projects</source>
        <translation>Favoritos y proyectos recientes</translation>
    </message>
    <message>
        <source>Project %1 (loading…)</source>
        <translation>Proyecto %1 (cargando…)</translation>
    </message>
    <message>
        <source>Project %1 — no longer available</source>
        <translation>Proyecto %1 — ya no está disponible</translation>
    </message>
    <message>
        <source>Not in the list yet</source>
        <translation>Todavía no está en la lista</translation>
    </message>
    <message>
        <source>This project is no longer in your list for this company: it was removed or you lost access.</source>
        <translation>Este proyecto ya no está en tu lista para esta empresa: se eliminó o perdiste el acceso.</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>Favoritos</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Proyectos recientes</translation>
    </message>
    <message>
        <source>Enter opens the project&apos;s row in the list; Ctrl+1 to Ctrl+9 jump to the first nine favourites</source>
        <translation>Intro abre la fila del proyecto en la lista; Ctrl+1 a Ctrl+9 saltan a los nueve primeros favoritos</translation>
    </message>
</context>
<context>
    <name>SignInAttempt</name>
    <message>
        <source>Procore did not confirm who signed in. Please try again.</source>
        <translation>Procore no confirmó quién inició sesión. Vuelve a intentarlo.</translation>
    </message>
</context>
<context>
    <name>SignInController</name>
    <message>
        <source>Could not open your web browser. Try signing in inside the app instead.</source>
        <translation>No se pudo abrir tu navegador web. Prueba a iniciar sesión dentro de la aplicación.</translation>
    </message>
    <message>
        <source>Finish signing in to Procore in your browser, then come back here.</source>
        <translation>Termina de iniciar sesión en Procore en tu navegador y después vuelve aquí.</translation>
    </message>
    <message>
        <source>Sign in and press Allow in the Procore window.</source>
        <translation>Inicia sesión y pulsa Allow (Permitir) en la ventana de Procore.</translation>
    </message>
</context>
<context>
    <name>SignOutWipe</name>
    <message>
        <source>the sign-in saved in the system keychain (%1)</source>
        <translation>la sesión guardada en el llavero del sistema (%1)</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>The running Procore Desktop did not answer.</source>
        <translation>El Procore Desktop en ejecución no respondió.</translation>
    </message>
    <message>
        <source>Could not make this the running instance: %1</source>
        <translation>No se pudo convertir esta en la instancia en ejecución: %1</translation>
    </message>
</context>
<context>
    <name>TokenResponse</name>
    <message>
        <source>Procore&apos;s sign-in service sent an answer the app does not understand. Please try again later.</source>
        <translation>El servicio de inicio de sesión de Procore envió una respuesta que la aplicación no entiende. Vuelve a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>Procore no longer accepts this sign-in (it expired, was used already or was revoked). Please sign in again.</source>
        <translation>Procore ya no acepta esta sesión (caducó, ya se usó o se revocó). Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>Procore refused this app&apos;s sign-in settings (client ID, client secret or redirect URI). Check them against the app registered in Procore&apos;s Developer Portal, or ask your IT department.</source>
        <translation>Procore rechazó la configuración de inicio de sesión de esta aplicación (ID de cliente, secreto de cliente o URI de redirección). Compárala con la aplicación registrada en el Developer Portal de Procore o consulta a tu departamento de TI.</translation>
    </message>
    <message>
        <source>You declined access, so the app cannot show your Procore projects. Sign in again and choose Allow to continue.</source>
        <translation>Rechazaste el acceso, así que la aplicación no puede mostrar tus proyectos de Procore. Vuelve a iniciar sesión y elige Allow (Permitir) para continuar.</translation>
    </message>
    <message>
        <source>Procore is receiving too many requests. Please wait a minute and try again.</source>
        <translation>Procore está recibiendo demasiadas solicitudes. Espera un minuto y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Procore&apos;s sign-in service is having trouble. Please try again later.</source>
        <translation>El servicio de inicio de sesión de Procore tiene problemas. Vuelve a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>Procore did not complete the sign-in. Please sign in again.</source>
        <translation>Procore no completó el inicio de sesión. Vuelve a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>TokenSet</name>
    <message>
        <source>The saved sign-in is damaged. Please sign in again.</source>
        <translation>La sesión guardada está dañada. Vuelve a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>TokenStoreJob</name>
    <message>
        <source>The system keychain went away before it answered.</source>
        <translation>El llavero del sistema desapareció antes de responder.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Sign in to Procore</source>
        <translation>Iniciar sesión en Procore</translation>
    </message>
    <message>
        <source>Sign in with your browser instead</source>
        <translation>Iniciar sesión con tu navegador</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Cancelar el inicio de sesión</translation>
    </message>
    <message>
        <source>Your Procore projects at a glance</source>
        <translation>Tus proyectos de Procore de un vistazo</translation>
    </message>
    <message>
        <source>Sign in once with your Procore account and press Allow. The app remembers you until you sign out.</source>
        <translation>Inicia sesión una vez con tu cuenta de Procore y pulsa Allow (Permitir). La aplicación te recuerda hasta que cierres la sesión.</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>Mensaje de inicio de sesión</translation>
    </message>
    <message>
        <source>For company single sign-on that does not work inside apps</source>
        <translation>Para el inicio de sesión único de tu empresa que no funciona dentro de las aplicaciones</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Entorno: %1</translation>
    </message>
    <message>
        <source>Opens Procore&apos;s sign-in page in a window of this app; press Allow there</source>
        <translation>Abre la página de inicio de sesión de Procore en una ventana de esta aplicación; pulsa Allow (Permitir) allí</translation>
    </message>
    <message>
        <source>Stops the sign-in that is under way</source>
        <translation>Detiene el inicio de sesión en curso</translation>
    </message>
</context>
</TS>
